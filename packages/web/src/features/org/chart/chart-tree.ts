import type { OrgChartNode } from '../../../api/types.ts'

export interface ChartNode extends OrgChartNode {
  /** The manager as the tree has it: null for a root (no manager, or one outside the chart). */
  readonly parentId: string | null
  readonly children: string[]
  readonly depth: number
  /** Everyone below, at any depth. */
  readonly descendants: number
}

export interface ChartTree {
  readonly nodes: ReadonlyMap<string, ChartNode>
  readonly roots: readonly string[]
}

export interface ChartRow {
  readonly id: string
  readonly depth: number
  /** Position among its siblings, 1-based, and their number (for assistive technology). */
  readonly posInSet: number
  readonly setSize: number
}

/**
 * Nests the flat org chart by managerId. A person whose manager is not in the list is a root; a reporting
 * line that loops (the server refuses them, but data is data) is cut where the walk meets itself.
 * Linear in the number of people, without recursion (a chain of thousands does not overflow the stack).
 */
export function buildTree(flat: readonly OrgChartNode[]): ChartTree {
  const byId = new Map(flat.map((n) => [n.id, n]))
  const children = new Map<string, string[]>()
  const roots: string[] = []
  for (const n of flat) {
    if (n.managerId && n.managerId !== n.id && byId.has(n.managerId)) {
      const list = children.get(n.managerId)
      if (list) list.push(n.id)
      else children.set(n.managerId, [n.id])
    } else {
      roots.push(n.id)
    }
  }

  const parent = new Map<string, string | null>()
  const depth = new Map<string, number>()
  const order: string[] = []
  const walk = (root: string) => {
    parent.set(root, null)
    depth.set(root, 0)
    const stack = [root]
    while (stack.length) {
      const id = stack.pop() as string
      order.push(id)
      for (const child of children.get(id) ?? []) {
        if (depth.has(child)) continue
        parent.set(child, id)
        depth.set(child, (depth.get(id) ?? 0) + 1)
        stack.push(child)
      }
    }
  }
  for (const r of roots) walk(r)
  // People only reachable through a loop: the first of each loop becomes a root.
  for (const n of flat) {
    if (!depth.has(n.id)) {
      roots.push(n.id)
      walk(n.id)
    }
  }
  // Roots in the order the chart came (by name).
  const position = new Map(flat.map((n, i) => [n.id, i]))
  roots.sort((x, y) => (position.get(x) ?? 0) - (position.get(y) ?? 0))

  const descendants = new Map<string, number>()
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string
    const p = parent.get(id)
    const own = descendants.get(id) ?? 0
    descendants.set(id, own)
    if (p) descendants.set(p, (descendants.get(p) ?? 0) + own + 1)
  }

  const nodes = new Map<string, ChartNode>()
  for (const n of flat) {
    nodes.set(n.id, {
      ...n,
      parentId: parent.get(n.id) ?? null,
      // Only the children the walk accepted (a loop's back edge is dropped).
      children: (children.get(n.id) ?? []).filter((c) => parent.get(c) === n.id),
      depth: depth.get(n.id) ?? 0,
      descendants: descendants.get(n.id) ?? 0,
    })
  }
  return { nodes, roots }
}

/** The rows on screen: the roots, and the children of every expanded person, depth first. */
export function visibleRows(tree: ChartTree, expanded: ReadonlySet<string>): ChartRow[] {
  const rows: ChartRow[] = []
  const stack: ChartRow[] = []
  const push = (ids: readonly string[], depth: number) => {
    for (let i = ids.length - 1; i >= 0; i--)
      stack.push({ id: ids[i] as string, depth, posInSet: i + 1, setSize: ids.length })
  }
  push(tree.roots, 0)
  while (stack.length) {
    const row = stack.pop() as ChartRow
    rows.push(row)
    const node = tree.nodes.get(row.id)
    if (node && expanded.has(row.id)) push(node.children, row.depth + 1)
  }
  return rows
}

/** The managers above a person, top first. */
export function ancestorsOf(tree: ChartTree, id: string): string[] {
  const out: string[] = []
  let p = tree.nodes.get(id)?.parentId ?? null
  while (p && !out.includes(p)) {
    out.unshift(p)
    p = tree.nodes.get(p)?.parentId ?? null
  }
  return out
}

/** Expanded at first: the top two levels, so the chart opens showing three and no more. */
export function initialExpanded(tree: ChartTree, levels = 2): Set<string> {
  const out = new Set<string>()
  for (const n of tree.nodes.values()) if (n.depth < levels && n.children.length > 0) out.add(n.id)
  return out
}

/** Everyone who has reports (to expand all). */
export const allManagers = (tree: ChartTree) =>
  new Set([...tree.nodes.values()].filter((n) => n.children.length > 0).map((n) => n.id))
