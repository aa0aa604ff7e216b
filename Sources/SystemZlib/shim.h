// zlib, for SafeZip's bounded inflation of deflated ZIP entries (see SafeArchive.read).
#include <zlib.h>
