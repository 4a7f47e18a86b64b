// A source that includes one header, PROBE_HEADER, with the include view of the library it is
// linked to (tests/layering/CMakeLists.txt): headers of that layer and the layers below it must
// compile, a header of a layer above must not be found.
#include PROBE_HEADER

int cb_layer_probe() { return 0; }
