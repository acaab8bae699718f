import { describe, expect, it } from 'vitest'
import type { OrgChartNode } from '../../../api/types.ts'
import { allManagers, ancestorsOf, buildTree, initialExpanded, visibleRows } from './chart-tree.ts'

const node = (id: string, managerId: string | null): OrgChartNode => ({
  id,
  name: id,
  position: null,
  department: null,
  managerId,
  hasPhoto: false,
})

describe('the org chart tree', () => {
  it('nests people under their managers; a manager missing from the chart makes a root', () => {
    const tree = buildTree([node('ceo', null), node('cfo', 'ceo'), node('acc', 'cfo'), node('orphan', 'gone')])
    expect(tree.roots).toEqual(['ceo', 'orphan'])
    expect(tree.nodes.get('ceo')?.children).toEqual(['cfo'])
    expect(tree.nodes.get('ceo')?.descendants).toBe(2)
    expect(tree.nodes.get('acc')?.depth).toBe(2)
    expect(tree.nodes.get('orphan')?.parentId).toBeNull()
    expect(ancestorsOf(tree, 'acc')).toEqual(['ceo', 'cfo'])
  })

  it('cuts a reporting line that loops instead of hanging or losing people', () => {
    const tree = buildTree([node('a', 'b'), node('b', 'a'), node('self', 'self')])
    expect(tree.nodes.size).toBe(3)
    expect([...tree.roots].sort()).toEqual(['a', 'self'])
    expect(tree.nodes.get('a')?.children).toEqual(['b'])
    expect(tree.nodes.get('b')?.children).toEqual([])
    expect(visibleRows(tree, allManagers(tree)).map((r) => r.id)).toEqual(['a', 'b', 'self'])
  })

  it('opens two levels at first and shows only the reports of expanded people', () => {
    const flat = [node('r', null), node('m1', 'r'), node('m2', 'r'), node('e1', 'm1'), node('x', 'e1')]
    const tree = buildTree(flat)
    const open = initialExpanded(tree)
    expect([...open].sort()).toEqual(['m1', 'r'])
    expect(visibleRows(tree, open).map((r) => [r.id, r.depth])).toEqual([
      ['r', 0],
      ['m1', 1],
      ['e1', 2],
      ['m2', 1],
    ])
    expect(visibleRows(tree, new Set()).map((r) => r.id)).toEqual(['r'])
  })

  it('handles 5,000 people, including a chain 5,000 deep, without recursion', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => node(`p${i}`, i === 0 ? null : `p${i - 1}`))
    const tree = buildTree(chain)
    expect(tree.nodes.get('p0')?.descendants).toBe(4999)
    expect(tree.nodes.get('p4999')?.depth).toBe(4999)
    expect(visibleRows(tree, allManagers(tree))).toHaveLength(5000)
    expect(ancestorsOf(tree, 'p4999')).toHaveLength(4999)

    const wide = [node('boss', null), ...Array.from({ length: 4999 }, (_, i) => node(`w${i}`, 'boss'))]
    const flat = buildTree(wide)
    const rows = visibleRows(flat, initialExpanded(flat))
    expect(rows).toHaveLength(5000)
    expect(rows[1]).toMatchObject({ depth: 1, posInSet: 1, setSize: 4999 })
  })
})
