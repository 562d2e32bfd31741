#pragma once
// The text of scenarios/catalog/us-east-1.yaml, compiled in: CMake reads the file and generates
// catalog_data.cpp (from catalog_data.cpp.in) in the build directory, so that the binary
// needs no data files at run time and a changed catalog rebuilds it.
#include <string_view>

namespace headroom {
std::string_view embedded_catalog_yaml();
}  // namespace headroom
