"""WSGI entry point (served by waitress in `tanda serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tanda.web.settings")
application = get_wsgi_application()
