"""`python -m gdgui [args]`: the same as `python main.py [args]` and the `gdgui` command."""

import sys

from gdgui.app import main

sys.exit(main())
