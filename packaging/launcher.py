"""Entry point of the frozen application (PyInstaller).

One binary serves both faces of the app: without arguments it opens the
windows, with a command (``demo``, ``dossier``, ``verify``, ``works`` …) it is
the command line — exactly like the ``ent-portfolio`` script of a source
install, because both call :func:`ent_portfolio.cli.main`.
"""

import multiprocessing
import sys

from ent_portfolio.cli import main

if __name__ == "__main__":
    # A worker process started by multiprocessing re-runs this executable;
    # freeze_support() turns it into the worker instead of a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
