import os

import paths  # noqa: F401  (sys.path: project root + harness common dir)
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsettings")

application = get_wsgi_application()
