// The privacy center page's one-function bridge (docs/privacy-center.md,
// "The page"), answered from an Sdk: what `privacy-center --serve` sends back
// for each request. Kept apart from HTTP so the answers are the same for any
// host that carries them.
//
//   model:  {"ok":true,"model":{...}}
//   action: {"ok":true,"result":{...},"model":{...}}   (model null after erase)
//   error:  {"ok":false,"error":{"code":"invalid_argument","message":"..."}}
//
// Thread-safety: as the Sdk's calls (the caller serializes requests).
#pragma once

#include <string>
#include <string_view>

#include "confidant/sdk.hpp"

namespace confidant::cli {

std::string bridge_model(Sdk& sdk);

// `action_json` is the action as the model wrote it, sent back whole.
std::string bridge_action(Sdk& sdk, std::string_view action_json);

}  // namespace confidant::cli
