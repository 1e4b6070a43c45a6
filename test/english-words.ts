/**
 * Common English words: one of these in what a Vietnamese reader is shown (a `--lang vi` command's output, a page
 * of the explorer in Vietnamese) is an English sentence left over. Shared by test/vi-scan.test.ts (the CLI) and
 * test/e2e/pages.test.ts (the explorer), each of which first removes what is not wording (paths, ids, hashes,
 * quoted values, identifiers) in its own way. Words that are also Vietnamese written without marks (a, an, do,
 * in, no, on, to) are left out.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  (
    "the is are was were be been has have had not yes and or but of at for with from by as it its this that these those which " +
    "what when where who why how than then there here all any each every some more most less least only also just should would could can cannot must " +
    "may will does did done given found expected received required invalid valid missing unknown error errors problem problems file files line lines " +
    "unit units set sets criterion criteria rule rules input inputs value values data field fields list item items text number numbers date " +
    "pass passed fail failed failing incomplete verdict grade points point mark version versions released unchanged changed removed added edited " +
    "match mismatch replay record results result evaluated evaluating evaluation case cases coverage seen never both none total share count " +
    "wrote written read skipped bad because after before between above below into out over under about again instead without " +
    "too small big larger whole part choose browse upload download loading"
  ).split(" "),
);
