import type { Skill } from '../../api/types.ts'

/** What each level of a skill means (1 basic … 5 expert). */
export const skillLevels = [
  { value: 1, label: 'Basic' },
  { value: 2, label: 'Working' },
  { value: 3, label: 'Proficient' },
  { value: 4, label: 'Advanced' },
  { value: 5, label: 'Expert' },
] as const

export const levelLabel = (level: number) => skillLevels.find((l) => l.value === level)?.label ?? `Level ${level}`

export const UNCATEGORISED = 'Other'

/** Skills grouped by category (alphabetically, those without one last), each group sorted by name. */
export function byCategory<T extends Pick<Skill, 'name' | 'category'>>(
  skills: T[],
): { category: string; items: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const s of skills) {
    const key = s.category ?? ''
    groups.set(key, [...(groups.get(key) ?? []), s])
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([category, items]) => ({
      category: category || UNCATEGORISED,
      items: [...items].sort((a, b) => a.name.localeCompare(b.name)),
    }))
}
