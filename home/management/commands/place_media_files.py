"""Put CMS files where home.storage says they live: documents out of MEDIA_ROOT, images of
restricted collections (originals and renditions) in the private folder. Run once after
upgrading to private documents and images; safe to run again at any time."""

import os
import shutil

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home import media
from home.storage import is_private_name


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        moved_documents = 0
        for name in get_document_model().objects.values_list("file", flat=True):
            public_path = os.path.join(settings.MEDIA_ROOT, name)
            if is_private_name(name) and os.path.isfile(public_path):
                private_path = os.path.join(str(settings.GPE_PRIVATE_MEDIA_ROOT), name)
                os.makedirs(os.path.dirname(private_path), exist_ok=True)
                shutil.move(public_path, private_path)
                moved_documents += 1
        moved_images = sum(
            media.place_collection_images(root.pk) for root in Collection.get_root_nodes()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Moved {moved_documents} document(s) and {moved_images} image(s)' files."
            )
        )
