// Text into HTML (and inline SVG): the five characters that could end an
// element or an attribute, escaped. Shared by the dashboard and its charts.
#pragma once

#include <string>

namespace collector {

std::string escape_html(const std::string& text);

}  // namespace collector
