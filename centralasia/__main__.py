"""Entry point for ``python -m centralasia``."""

import sys

from centralasia.cli import main

sys.exit(main())
