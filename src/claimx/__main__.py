"""`python -m claimx` runs the command line."""
from .cli import main

main()
