"""Plan pages. STUB: to be completed."""

from django.http import HttpRequest, HttpResponse

from tanda.web.plans.models import Plan


def plan_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("\n".join(p.title for p in Plan.objects.all()), content_type="text/plain; charset=utf-8")
