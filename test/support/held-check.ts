/**
 * A stand-in for a project's running integrity check (`OpenOptions.writesAfter`), which the test
 * passes or fails when it chooses: what happens while a check runs is seen whatever its speed.
 * @example const { checked, pass } = heldCheck(); const connection = openConnection(file, { writesAfter: checked });
 */
export function heldCheck(): { checked: Promise<void>; pass(): void; fail(error: Error): void } {
  let pass!: () => void;
  let fail!: (error: Error) => void;
  const checked = new Promise<void>((resolve, reject) => {
    pass = resolve;
    fail = reject;
  });
  return { checked, pass, fail };
}
