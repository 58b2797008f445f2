"""`tanda serve` and `tanda demo`."""

from __future__ import annotations

import argparse
import threading


def cmd_serve(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    if args.demo:
        load_demo_and_report()
    from waitress import serve

    from tanda.web.wsgi import application

    start_warmups()
    print(f"tanda: serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    serve(application, host=args.host, port=args.port, threads=8, _quiet=True)
    return 0


def start_warmups() -> list[threading.Thread]:
    """Each feature app's `warmup.start()`, unless settings.TANDA_WARM_ENERGY is off; their threads."""
    from django.conf import settings

    from tanda.web.features import FEATURE_APPS, feature_module

    if not settings.TANDA_WARM_ENERGY:
        return []
    threads = []
    for app in FEATURE_APPS:
        module = feature_module(app, "warmup")
        thread = module.start() if module is not None else None
        if thread is not None:
            threads.append(thread)
    return threads


def cmd_demo(args: argparse.Namespace) -> int:
    from tanda.web.bootstrap import setup

    setup()
    load_demo_and_report()
    return 0


def load_demo_and_report() -> None:
    """The plans demo first, then every feature app's `demo.load_demo()` (each prints its own lines)."""
    from tanda.web.features import FEATURE_APPS, feature_module
    from tanda.web.plans.demo import load_demo

    plans, accounts = load_demo()
    print(f"tanda: demo loaded: {len(plans)} plans")
    for plan in plans:
        print(
            f"  [{plan.pk}] {plan.region.name} {plan.title} — {plan.targets.count()} targets, "
            f"{plan.tasks.count()} tasks"
        )
    print("tanda: demo accounts (sign in at /accounts/login/):")
    for a in accounts:
        region = f"  region {a.region}" if a.region else ""
        print(f"  {a.role:7} {a.username:16} password {a.password}{region}")
    for app in FEATURE_APPS[1:]:
        module = feature_module(app, "demo")
        if module is not None:
            for line in module.load_demo():
                print(f"tanda: {line}")


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--demo", action="store_true", help="load the demo data first (idempotent)")
    serve.set_defaults(handler=cmd_serve)

    demo = sub.add_parser("demo", help="load the five seed plans, their regions and demo accounts")
    demo.set_defaults(handler=cmd_demo)
