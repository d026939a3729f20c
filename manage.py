#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
    # Before numpy loads: OpenBLAS would start a thread per core that spins after each product.
    # The render worker's products (the sentence model matching sprites) are small, and its cores
    # belong to ffmpeg and the frames; on two busy cores the spinning made the first sprite
    # match take 33 s instead of 4.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
