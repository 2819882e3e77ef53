"""``python -m iranus.grading``: see :mod:`iranus.grading.commands`."""

import sys

from .commands import main

sys.exit(main())
