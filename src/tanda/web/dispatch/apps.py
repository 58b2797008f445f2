from django.apps import AppConfig
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy


def _menu_label() -> SafeString:
    """'调度' and, fetched by htmx once the page is shown, the signed-in user's unread notifications.

    The menu renders each app's label without the request, so the count cannot be computed here; the
    badge fragment (`dispatch:badge`) is loaded per page instead and is empty when there is nothing.
    """
    from django.urls import reverse

    return format_html(
        '{}<span class="dispatch-badge" hx-get="{}" hx-trigger="load" hx-swap="outerHTML"></span>',
        gettext("调度"),
        reverse("dispatch:badge"),
    )


class DispatchConfig(AppConfig):
    name = "tanda.web.dispatch"
    label = "dispatch"
    verbose_name = gettext_lazy("调度")
    nav_label = lazy(_menu_label, SafeString)()
    nav_url = "dispatch:board"
