"""``python -m mapper``: the ``frontline`` command line."""

from mapper.cli import app

if __name__ == "__main__":
    app(prog_name="frontline")
