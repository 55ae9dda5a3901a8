package dev.confidant;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The privacy center through Java: the model as plain objects on a store with a week of orders
 * and a stated preference, actions taken from it changing the next model, malformed actions
 * refused with the field named, and the small JSON reader the model is built with.
 */
public class PrivacyCenterTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private KeyProvider key;
  private Confidant sdk;

  @Before
  public void setUp() throws Exception {
    key = KeyProvider.keyFile(new File(temp.getRoot(), "store.key"), true);
    sdk = Confidant.openAndWait(ConfidantOptions.builder()
        .dir(new File(temp.getRoot(), "store"))
        .keyProvider(key)
        .fixedClockMs(1795507200000L)  // 2026-11-24T08:00:00Z
        .build());
    sdk.grant(Arrays.asList(Category.PURCHASES, Category.PREFERENCES), Collections.singletonList(Use.PERSONALIZE),
        ConsentSource.USER, "2026-11", "We use your orders to suggest your usual.");
    for (int i = 0; i < 7; i++) sdk.track(ConfidantTest.LATTE);
    sdk.prefer(PreferenceKind.LIKE, "drinks/tea", "green tea, never sweetened");
    sdk.flush();
  }

  @After
  public void tearDown() {
    sdk.close();
    key.close();
  }

  @Test
  public void modelShowsTheUsualAndTheStatedPreference() {
    PrivacyCenter center = sdk.privacyCenter();
    assertEquals("confidant.privacy-center.v1", center.format);
    assertEquals(5, center.sections.size());
    assertEquals("told", center.sections.get(0).id);

    PrivacyRow tea = center.section("told").row("told:like:drinks/tea");
    assertNotNull(tea);
    assertEquals("You like tea", tea.title.text);
    assertEquals("green tea, never sweetened", tea.line("told.words").params.get("text"));
    assertEquals("In your words: \u201cgreen tea, never sweetened\u201d", tea.line("told.words").text);

    PrivacyRow usual = center.section("learned").row("usual:milk=oat");
    assertNotNull(usual);
    assertThat(usual.line("explanation").text, containsString("your usual (7 of 7 orders)"));
    assertEquals("almost_always", usual.facts.get("strength"));
    assertEquals("2026-11-24", usual.facts.get("last_fed"));

    PrivacyRow cell = center.section("consent").row("consent:purchases:personalize");
    assertEquals("user", cell.facts.get("source"));
    assertEquals(1, cell.actions.size());
    assertEquals("deny", cell.actions.get(0).id);
    assertEquals("2026-11", cell.actions.get(0).target.get("policy_version"));
    assertEquals("action.erase.confirm", center.actions.get(2).confirm.key);
  }

  @Test
  public void actionsFromTheModelChangeTheNextModel() {
    PrivacyCenter center = sdk.privacyCenter();
    PrivacyAction forget = center.section("learned").row("usual:milk=oat").action("forget");
    assertEquals("forget", sdk.performPrivacyAction(forget).id);
    center = sdk.privacyCenter();
    assertNull(center.section("learned").row("usual:milk=oat"));

    sdk.performPrivacyAction(center.section("learned").row("interest:drinks/coffee/latte").action("block"));
    center = sdk.privacyCenter();
    assertNotNull(center.section("not_used").row("block:drinks/coffee/latte"));

    sdk.performPrivacyAction(center.section("consent").row("consent:purchases:personalize").action("deny"));
    center = sdk.privacyCenter();
    assertEquals("denied", center.section("consent").row("consent:purchases:personalize").facts.get("state"));

    PrivacyActionResult exported = sdk.performPrivacyActionJson("{\"id\":\"export\"}");
    assertEquals("export", exported.id);
    assertThat(exported.exportJson, containsString("\"format\":\"confidant.export.v1\""));
    assertEquals('}', exported.exportJson.charAt(exported.exportJson.length() - 1));
  }

  @Test
  public void malformedActionsNameTheFieldAndChangeNothing() {
    String before = sdk.privacyCenterJson();
    try {
      sdk.performPrivacyActionJson("{\"id\":\"grant\",\"target\":{\"category\":\"purchases\",\"use\":\"sell\"}}");
      fail("a grant for an unknown use was accepted");
    } catch (ConfidantException e) {
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertThat(e.getMessage(), containsString("target.use: unknown value 'sell'"));
    }
    assertEquals(before, sdk.privacyCenterJson());
  }

  @Test
  public void actionJsonRoundTripsThroughTheReader() {
    PrivacyAction erase = sdk.privacyCenter().actions.get(2);
    String json = erase.toJson();
    assertThat(json, containsString("\"confirm\":{\"key\":\"action.erase.confirm\""));
    PrivacyAction again = new PrivacyAction(PrivacyJson.parse(json), "action");
    assertEquals(json, again.toJson());
    assertEquals("{\"a\":[1,2]}", PrivacyJson.rawMember("{\"id\":\"x\",\"export\":{\"a\":[1,2]}}", "export"));
    assertNull(PrivacyJson.rawMember("{\"id\":\"x\"}", "export"));
    assertEquals("q\"\\\u00e9\n", PrivacyJson.parse("\"q\\\"\\\\\\u00e9\\n\""));
  }
}
