"""What the fork server of ``nidaa.tor.bounded`` loads once, so each bounded read starts with the
readers imported and the gazetteer parsed instead of paying for them per document."""

import nidaa.tor.api
import nidaa.tor.readers
from nidaa.tor.places import default_gazetteer

MODULES = (nidaa.tor.api, nidaa.tor.readers)
default_gazetteer()
