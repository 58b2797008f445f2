"""The signed-in user's notifications: the list, marking read, and the menu's unread badge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tanda.web.dispatch.models import Notification
from tanda.web.dispatch.notify import unread_count


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user).select_related("region")
    if request.GET.get("unread"):
        mine = mine.filter(read_at__isnull=True)
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dispatch/notifications.html",
        {"page": page, "unread": unread_count(request.user), "only_unread": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read, then follow its link (when it stays on this site)."""
    note = get_object_or_404(Notification, pk=notification_id, user=request.user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if request.POST.get("follow") and note.url and url_has_allowed_host_and_scheme(note.url, None):
        return redirect(note.url)
    return redirect("dispatch:notifications")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("dispatch:notifications")


def badge(request: HttpRequest) -> HttpResponse:
    """The menu's unread count (htmx fragment); empty for nobody signed in or nothing unread."""
    return render(request, "dispatch/_badge.html", {"count": unread_count(request.user)})
