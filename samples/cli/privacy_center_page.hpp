// The privacy center page's files (platform/web/privacy-center), built into
// the CLI so `privacy-center --serve` needs nothing beside the binary.
// Generated at build time by embed_page.cmake.
#pragma once

#include <string_view>

namespace confidant::cli::page {

extern const std::string_view kIndexHtml;
extern const std::string_view kStyleCss;
extern const std::string_view kScriptJs;
extern const std::string_view kHttpBridgeJs;

}  // namespace confidant::cli::page
