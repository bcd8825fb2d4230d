"""Serve the platform: gunicorn, the background worker and the scheduler, stopped together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from civictalent.accounts.seeding import DEMO_PASSWORD, DEMO_PEOPLE


class Command(BaseCommand):
    help = "Serve the web application with gunicorn, plus the task worker and the scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        # Children inherit DJANGO_SETTINGS_MODULE, so all three run with the same settings.
        env = dict(os.environ)
        python = sys.executable
        commands = {
            "web": [
                python,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
            ],
            "worker": [
                python,
                "-m",
                "civictalent.cli",
                "task_worker",
                "--no-reload",
                "--queue-name",
                "*",
            ],
            "scheduler": [python, "-m", "civictalent.cli", "scheduler"],
        }
        processes = {name: subprocess.Popen(command, env=env) for name, command in commands.items()}  # noqa: S603
        self._banner(host, port)
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        exit_code = 0
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(
                            f"The {name} stopped (exit {process.returncode}); stopping."
                        )
                        exit_code = process.returncode or 1
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping web server, worker and scheduler...")
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            deadline = time.monotonic() + 15
            for process in processes.values():
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    process.kill()
        if exit_code:
            raise SystemExit(exit_code)

    def _banner(self, host: str, port: int) -> None:
        lines = [
            "",
            f"{settings.SERVICE_NAME} is running at http://{host}:{port}",
            f"Health: http://{host}:{port}/healthz",
        ]
        if settings.DEMO_MODE:
            lines.append(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
            lines.extend(f"  {person.email:<42} {person.description}" for person in DEMO_PEOPLE)
        if "filebased" in settings.EMAIL_BACKEND:
            lines.append(f"Emails are written to {settings.EMAIL_FILE_PATH}/")
        lines.append("Press Ctrl-C to stop.")
        self.stdout.write("\n".join(lines) + "\n")
