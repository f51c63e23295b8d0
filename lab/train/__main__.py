"""``python -m lab.train``: rebuild the answer model (``lab/train/build.py``)."""

from lab.train.build import main

if __name__ == "__main__":
    raise SystemExit(main())
