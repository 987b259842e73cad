"""Run the command line as ``python -m okrkit``."""

from okrkit.cli import main

if __name__ == "__main__":
    main(prog_name="okrkit")
