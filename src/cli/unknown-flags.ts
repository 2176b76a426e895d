/**
 * yargs names an unknown `--bogus-flag` twice (`bogus-flag, bogusFlag`, its camel-case twin);
 * the message keeps the form the user typed.
 */
export function withoutCamelCaseTwins(message: string): string {
  return message.replace(/^(Unknown arguments?): (.*)$/m, (_line, label: string, list: string) => {
    const names = list.split(', ');
    const kept = names.filter((name) => {
      const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      return kebab === name || !names.includes(kebab);
    });
    return `${kept.length === 1 ? 'Unknown argument' : label}: ${kept.join(', ')}`;
  });
}
