// Benchmark harness (release mode): reads and writes a generated corpus with every registered format.

import Spine

print("spine-bench " + Spine.version)
