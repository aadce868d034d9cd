// Shim for zlib: DEFLATE/INFLATE and CRC-32 for the .docx container.
#include <zlib.h>
