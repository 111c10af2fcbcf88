"""Start gdgui from a source checkout: `python main.py [args]`, the same as the `gdgui` command."""

import sys

from gdgui.app import main

if __name__ == "__main__":
    sys.exit(main())
