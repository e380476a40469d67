/**
 * Page object for the Teams chat UI of Microsoft 365 Agents Playground 0.2.x, so scenarios read as what a person
 * does. Every selector lives here; each was found by experiment against the playground's real DOM:
 *
 * - compose box: a Lexical editor, `[data-lexical-editor="true"]` (role textbox, no name); Enter sends.
 * - a bot card: `.ac-preview-panel > .ac-adaptiveCard` (the `>` skips cards nested by Action.ShowCard, which
 *   render as another `.ac-adaptiveCard` inside the same top-level card, so its inputs and actions are found from
 *   it). An Action.Execute answer replaces the card in place: a position (`nth`) keeps pointing at it.
 * - actions (Action.Execute, Action.Submit, Action.ShowCard): `<button aria-label="<title>">` inside the card, so
 *   `getByRole('button', { name: title, exact: true })`. A ShowCard button has `aria-expanded`.
 * - inputs: ids are NOT rendered (every element gets a random `__ac-<uuid>` id), so find them by role and label
 *   (`<label for>` + `aria-labelledby` make the accessible name; `getByLabel` alone would also match a button
 *   titled "Save the new date" for "New date") or by placeholder (`getByPlaceholder`: with a label present the
 *   placeholder is not the accessible name). Input.Text, single or `isMultiline` (a `<textarea>`): role textbox.
 * - Input.ChoiceSet (compact): a Fluent combobox, `<input role="combobox">` named by its label; clicking it opens
 *   the options in a pop-up outside the card, each `role="option"` named by its title.
 * - Input.Date: a Fluent date picker, `<input role="combobox" placeholder="Select a date...">`: fill the date as
 *   typed text ("February 3, 2026"), Enter to commit, Escape to close the calendar. The bot receives `2026-02-03`.
 * - `isRequired` is enforced in the client: a missing value shows the input's `errorMessage` and nothing is sent.
 *   An input inside a ShowCard is sent only by the actions of that ShowCard.
 * - after an Action.Execute the message shows "Your response was sent to the app". A card with `refresh.userIds`
 *   renders, with a note "User specific view is not supported yet" under it (a playground limit, harmless).
 * - the chat scrolls inside the page, so a screenshot shows the newest messages, not the whole conversation.
 * - a new message re-renders the chat and collapses any Action.ShowCard opened above it: wait for a whole answer
 *   (`waitForAnswerCards`) before opening one.
 * - a list row (a ColumnSet of a RichTextBlock and an ActionSet) has no class of its own: a ColumnSet and each Column
 *   render as `div.ac-container`. Find the row's `.ac-richTextBlock` by its text; the row is its second
 *   `.ac-container` ancestor (the first is its column), and holds the row's buttons (`.ac-actionSet`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'test-results');
/** The UI is a 9 MB script and the bot round trip is real: generous, never asserted on. */
export const UI_TIMEOUT_MS = 60_000;

/** A date (`YYYY-MM-DD`) as a person types it into the date picker (`fillDate`): "February 3, 2027". */
export function typed(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

const COMPOSE_BOX = '[data-lexical-editor="true"]';
const BOT_CARD = '.ac-preview-panel > .ac-adaptiveCard';
/** A list row's text (a RichTextBlock), and from it the row: its column's ColumnSet (see the notes above). */
const ROW_TEXT = '.ac-richTextBlock';
const ROW_OF_TEXT = 'xpath=ancestor::div[contains(concat(" ", @class, " "), " ac-container ")][2]';

export class TeamsPage {
  /** Bot cards on screen when the last message was sent: the answer is the first card past them. */
  private cardsBeforeSend = 0;

  constructor(readonly page: Page, private readonly baseUrl: string) {
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  }

  private get cards(): Locator {
    return this.page.locator(BOT_CARD);
  }

  /**
   * Loads the UI and opens the personal chat with the bot. Each load starts a fresh chat and sends the bot
   * installationUpdate + conversationUpdate: wait until the bot answered both (the log panel says so), so the welcome
   * card is on screen before the first message is sent and is not mistaken for its answer.
   */
  async openChat(): Promise<void> {
    await this.page.goto(this.baseUrl, { waitUntil: 'load', timeout: UI_TIMEOUT_MS });
    await this.page.getByRole('treeitem', { name: 'Personal Chat' }).click();
    for (const event of ['installationUpdate', 'conversationUpdate']) {
      await this.page.getByText(new RegExp(`^${event} \\d{3}$`)).first().waitFor();
    }
    await this.page.locator(COMPOSE_BOX).waitFor();
  }

  /** Types `text` in the compose box and sends it with Enter. */
  async send(text: string): Promise<void> {
    this.cardsBeforeSend = await this.cards.count();
    const box = this.page.locator(COMPOSE_BOX);
    await box.click();
    await box.pressSequentially(text);
    await box.press('Enter');
  }

  /**
   * The newest bot card; after `send` it first waits for a card that answers it. An answer of several cards (e.g.
   * `upcoming`) may still be arriving: pick one by its text with `cardWith`.
   */
  async lastCard(): Promise<Locator> {
    await this.cards.nth(this.cardsBeforeSend).waitFor();
    return this.cards.nth((await this.cards.count()) - 1);
  }

  /**
   * Waits until `count` bot cards answered the last message. Interact only after the whole answer is on screen: a
   * card arriving re-renders the chat, which collapses an Action.ShowCard opened on an earlier card.
   */
  async waitForAnswerCards(count: number): Promise<void> {
    await this.cards.nth(this.cardsBeforeSend + count - 1).waitFor();
  }

  /**
   * Resolves once the page's DOM has not changed (nodes added or removed) for `quietMs`, at most `maxMs`: arriving
   * messages, the notices under them and the log panel have settled, so nothing re-renders the card being filled in.
   */
  async waitForQuiet(quietMs = 1000, maxMs = 20_000): Promise<void> {
    // A string, not a function: it runs in the page, and this project's TypeScript has no DOM types.
    await this.page.evaluate(`new Promise((resolve) => {
      const done = () => { observer.disconnect(); clearTimeout(cap); resolve(); };
      let timer = setTimeout(done, ${quietMs});
      const cap = setTimeout(done, ${maxMs});
      const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, ${quietMs}); });
      observer.observe(document.body, { childList: true, subtree: true });
    })`);
  }

  /**
   * The newest bot card containing every one of `texts` (a customer name, a workload), once it is on screen.
   * Pinned by position: `.last()` would drift to a newer matching card arriving later, whereas a card keeps its
   * position (messages only append, and an Action.Execute answer replaces the card in place).
   */
  async cardWith(...texts: string[]): Promise<Locator> {
    let matching = this.cards;
    for (const text of texts) matching = matching.filter({ hasText: text });
    await matching.last().waitFor();
    // Matched as `hasText` does: case-insensitive, whitespace collapsed.
    const norm = (t: string): string => t.replace(/\s+/g, ' ').toLowerCase();
    const contents = (await this.cards.allTextContents()).map(norm);
    let index = contents.length - 1;
    while (index > 0 && !texts.every((t) => contents[index]?.includes(norm(t)))) index -= 1;
    return this.cards.nth(index);
  }

  /**
   * Clicks an action by its title (Execute, Submit or ShowCard, also inside a shown card) on `card`, by default
   * the newest one. An Action.Execute answer replaces the card in place: wait for its new text on the same locator.
   */
  async clickAction(title: string, card?: Locator, nth?: number): Promise<void> {
    const buttons = (card ?? (await this.lastCard())).getByRole('button', { name: title, exact: true });
    await (nth === undefined ? buttons : buttons.nth(nth)).click(); // `nth`: one of several alike (one per row)
  }

  /**
   * Picks an option of a compact Input.ChoiceSet by the input's label: a Fluent combobox whose options open in a
   * pop-up outside the card (role option). Returns the picked option's text.
   */
  async chooseOption(label: string, option: string | RegExp, card?: Locator): Promise<string> {
    await (card ?? (await this.lastCard())).getByRole('combobox', { name: label }).click();
    const picked = this.page.getByRole('option', { name: option });
    const text = (await picked.textContent()) ?? '';
    await picked.click();
    return text.trim();
  }

  /** The texts of the list rows holding every one of `texts` (a row's RichTextBlock: one per row). */
  private rowTexts(texts: string[], card: Locator): Locator {
    let rows = card.locator(ROW_TEXT);
    for (const text of texts) rows = rows.filter({ hasText: text });
    return rows;
  }

  /** Clicks the action titled `title` on the list row holding every one of `texts` (e.g. a customer and a workload). */
  async clickRowAction(title: string, texts: string[], card?: Locator): Promise<void> {
    const row = this.rowTexts(texts, card ?? (await this.lastCard())).first().locator(ROW_OF_TEXT);
    await row.getByRole('button', { name: title, exact: true }).click();
  }

  /** How many rows of a list card hold every one of `texts`. */
  async rowCount(texts: string[], card?: Locator): Promise<number> {
    return this.rowTexts(texts, card ?? (await this.lastCard())).count();
  }

  /**
   * Sets an Input.Date by its label as a person types it: `fillDate('New start date', 'February 3, 2026')`.
   * A picker that was just shown (a ShowCard opened) is still settling, and one with a preselected value may put it
   * back over what was typed: wait until the card is quiet, then type, and check the text stayed before committing.
   */
  async fillDate(label: string, typedDate: string, card?: Locator): Promise<void> {
    const input = (card ?? (await this.lastCard())).getByRole('combobox', { name: label });
    await input.waitFor();
    await this.waitForQuiet(300);
    await input.fill(typedDate);
    await this.waitForQuiet(300);
    if ((await input.inputValue()) !== typedDate) throw new Error(`The date picker "${label}" did not keep "${typedDate}".`);
    await input.press('Enter'); // commits the typed text as the picker's value
    await input.press('Escape'); // closes the calendar pop-up, which would cover the actions below
  }

  /** Fills an Input.Text (single or multi-line) by its label or its placeholder. */
  async fillText(labelOrPlaceholder: string, text: string, card?: Locator): Promise<void> {
    const scope = card ?? (await this.lastCard());
    await scope.getByRole('textbox', { name: labelOrPlaceholder }).or(scope.getByPlaceholder(labelOrPlaceholder)).fill(text);
  }

  /** PNG of the page under test-results/ (gitignored); returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
