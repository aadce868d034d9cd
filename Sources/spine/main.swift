// Entry point of the `spine` command-line tool.

import Spine

print("spine " + Spine.version)
