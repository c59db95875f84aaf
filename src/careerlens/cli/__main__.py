"""``python -m careerlens.cli``: the same command as ``careerlens``."""

from careerlens.cli import main

main()
