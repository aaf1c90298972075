/**
 * The family a topic belongs to, for progress per concept. Convention rules are `family.rule`
 * (`naming.function`) or carry a language first (`ts.naming.function`); model topics are one word
 * (`error-handling`). So: one part is its own family, two parts name it first, three or more second.
 */
export function topicCategory(topic: string): string {
  const parts = topic.split('.').filter((part) => part !== '');
  if (parts.length === 0) return topic;
  if (parts.length <= 2) return parts[0]!;
  return parts[1]!;
}
