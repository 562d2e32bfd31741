#pragma once
// The script and style the --report page embeds, compiled in at build time (CMake generates
// report_assets.cpp from web/), so that the binary writes a page that needs no network.
#include <string_view>

namespace headroom {
std::string_view report_uplot_js();   // uPlot, the charting library (MIT)
std::string_view report_uplot_css();
std::string_view report_page_js();    // web/report.js: draws the page from its data
std::string_view report_page_css();   // web/report.css
}  // namespace headroom
