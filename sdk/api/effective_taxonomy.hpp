// The effective taxonomy: the SDK's built-in marks and the installed brand
// config's, in one Taxonomy that intake, the profile, ranking, explanations
// and sync all read (PRIVACY.md, promise 4: a path either marks sensitive is
// sensitive everywhere).
//
// It lives in the api layer because it joins sync (which holds the config)
// and profile (which owns the taxonomy type).
//
// Thread-safety: pure function; the result is immutable and shared.
#pragma once

#include <memory>

#include "confidant/status.hpp"
#include "confidant_sync.pb.h"
#include "profile/taxonomy.hpp"

namespace confidant::api {

using TaxonomyPtr = std::shared_ptr<const profile::Taxonomy>;

// The built-in taxonomy with `config`'s taxonomy laid over it (none: the
// built-in alone). kInvalidArgument naming "config.taxonomy[i]..." for a
// node the taxonomy refuses.
Result<TaxonomyPtr> effective_taxonomy(const proto::BrandConfig* config);

}  // namespace confidant::api
