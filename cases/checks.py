"""System checks for what the product needs from the operating system."""

import ctypes.util
import shutil
import subprocess

from django.core import checks


@checks.register()
def pdf_system_packages(app_configs, **kwargs):
    warnings = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append(
            checks.Warning(
                "libharfbuzz-subset0 is not installed: Chinese PDFs will take seconds to render.",
                hint="apt-get install libharfbuzz-subset0",
                id="cases.W001",
            )
        )
    families = ""
    if shutil.which("fc-list"):
        families = subprocess.run(  # noqa: S603 - fixed arguments, no user input
            ["fc-list", ":lang=zh-cn", "family"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    if "Noto Serif CJK SC" not in families or "Noto Sans CJK SC" not in families:
        warnings.append(
            checks.Warning(
                "The Noto CJK fonts are not installed: PDFs would show boxes instead of Chinese.",
                hint="apt-get install fonts-noto-cjk",
                id="cases.W002",
            )
        )
    return warnings
