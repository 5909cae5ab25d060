from django.conf import settings


def gpe(request):
    return {"QUICK_EXIT_URL": settings.GPE_QUICK_EXIT_URL}
