"""``python -m aftalegraf.cli``: the same as the ``aftalegraf`` command."""

import sys

from . import main

sys.exit(main())
