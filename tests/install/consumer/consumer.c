/*
 * An app's program against the installed C ABI (confidant/confidant.h),
 * in C11: checks the library's versions against the header's, opens an SDK
 * in the directory it is given, records consent and an order, and checks
 * the profile JSON. Exits 1 naming the first check that failed.
 * tests/install builds it with find_package(Confidant) and with pkg-config.
 * CONFIDANT_EXPECTED_VERSION is the release the build installed.
 */
#include <stdio.h>
#include <string.h>

#include <confidant/confidant.h>

static int fail_with(const char* what, confidant_error* err) {
  fprintf(stderr, "consumer.c: %s: %s\n", what, err != NULL ? confidant_error_message(err) : "failed");
  confidant_error_free(err);
  return 1;
}

#define TRY(call)                               \
  do {                                          \
    confidant_error* err_ = (call);             \
    if (err_ != NULL) return fail_with(#call, err_); \
  } while (0)

static int run(confidant_sdk* sdk) {
  static const char order[] =
      "{\"type\":\"order\",\"item\":\"latte-1\",\"categories\":[\"drinks/coffee/latte\"],\"attrs\":{\"milk\":\"oat\"}}";
  static const confidant_category purchases[] = {CONFIDANT_CATEGORY_PURCHASES};
  static const confidant_use personalize[] = {CONFIDANT_USE_PERSONALIZE};
  static const char policy[] = "2026-11";
  confidant_buffer profile = {NULL, 0};
  confidant_error* refused;
  int learned;

  TRY(confidant_sdk_wait_until_ready(sdk));
  refused = confidant_sdk_track_json(sdk, order, strlen(order));
  if (refused == NULL || confidant_error_code(refused) != CONFIDANT_CODE_NOT_PERMITTED)
    return fail_with("track before consent was not refused", refused);
  confidant_error_free(refused);

  TRY(confidant_sdk_grant(sdk, purchases, 1, personalize, 1, CONFIDANT_SOURCE_USER, policy, sizeof policy - 1, NULL,
                          0));
  TRY(confidant_sdk_track_json(sdk, order, strlen(order)));
  TRY(confidant_sdk_flush(sdk));
  TRY(confidant_sdk_profile_json(sdk, &profile));
  learned = profile.data != NULL && strstr((const char*)profile.data, "\"target\":\"drinks/coffee/latte\"") != NULL;
  confidant_buffer_free(&profile);
  if (!learned) return fail_with("the profile does not name drinks/coffee/latte", NULL);
  TRY(confidant_sdk_erase(sdk));
  return 0;
}

int main(int argc, char** argv) {
  char dir[4096];
  confidant_key_provider* keys = NULL;
  confidant_options* options = NULL;
  confidant_sdk* sdk = NULL;
  int result;

  if (argc != 2) return fail_with("usage: consumer_c <empty directory>", NULL);
  if (confidant_abi_version() != CONFIDANT_ABI_VERSION) return fail_with("the library's ABI is not the header's", NULL);
  if (strcmp(confidant_version(), CONFIDANT_EXPECTED_VERSION) != 0)
    return fail_with("confidant_version() is not the installed release", NULL);
  snprintf(dir, sizeof dir, "%s/store", argv[1]);

  TRY(confidant_key_provider_new_in_memory(&keys));
  TRY(confidant_options_new(&options));
  TRY(confidant_options_set_dir(options, dir));
  TRY(confidant_options_set_key_provider(options, keys));
  TRY(confidant_sdk_open(options, &sdk));
  confidant_options_free(options);
  confidant_key_provider_free(keys); /* the SDK keeps its own reference */

  result = run(sdk);
  confidant_sdk_free(sdk);
  if (result == 0) printf("consumer.c: ok (Confidant C ABI %s)\n", confidant_version());
  return result;
}
