/** Jekyll front matter for a Markdown file on a course site; values as JSON strings, which YAML reads as they are. */
export function withFrontMatter(markdown: string, fields: Readonly<Record<string, string>>): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---\n\n${markdown}`;
}
