"""Settings for publishing: absolute URLs. `pelican content -s publishconf.py`."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://archive.example.org")
RELATIVE_URLS = False
FEED_SITEURL = SITEURL
DELETE_OUTPUT_DIRECTORY = True
