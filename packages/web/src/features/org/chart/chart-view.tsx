import { Box } from '@mantine/core'
import { useElementSize, useMergedRef } from '@mantine/hooks'
import { useNavigate } from '@tanstack/react-router'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { ChartRow, ROW_HEIGHT } from './chart-row.tsx'
import { visibleRows, type ChartTree } from './chart-tree.ts'

const OVERSCAN = 8

/**
 * The org chart as a keyboard-driven tree. Only expanded people's reports are rows, and only the rows in view
 * (plus a few) are in the page: thousands of people stay as light as a screenful.
 */
export function ChartView(props: {
  tree: ChartTree
  expanded: ReadonlySet<string>
  onToggle: (id: string) => void
  highlightId: string | null
  /** Bring this person into view and give them focus; `seq` changes for every request. */
  reveal: { id: string; seq: number } | null
  height: string
}) {
  const { tree, expanded, onToggle } = props
  const navigate = useNavigate()
  const viewport = useRef<HTMLDivElement>(null)
  const { ref: sizeRef, height } = useElementSize<HTMLDivElement>()
  const ref = useMergedRef(viewport, sizeRef)
  const [scrollTop, setScrollTop] = useState(0)
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const rowEls = useRef(new Map<string, HTMLDivElement>())
  const pendingFocus = useRef<string | null>(null)

  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded])
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows])
  const focused = focusedId !== null && indexOf.has(focusedId) ? focusedId : (rows[0]?.id ?? null)

  const scrollTo = useCallback(
    (index: number, center: boolean) => {
      const el = viewport.current
      if (!el) return
      const top = index * ROW_HEIGHT
      let next = el.scrollTop
      if (center) next = top - el.clientHeight / 2 + ROW_HEIGHT / 2
      else if (top < el.scrollTop) next = top
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) next = top + ROW_HEIGHT - el.clientHeight
      next = Math.max(0, Math.min(next, rows.length * ROW_HEIGHT - el.clientHeight))
      if (next !== el.scrollTop) {
        el.scrollTop = next
        setScrollTop(next)
      }
    },
    [rows.length],
  )

  const moveFocus = (id: string, center = false) => {
    const index = indexOf.get(id)
    if (index === undefined) return
    setFocusedId(id)
    pendingFocus.current = id
    scrollTo(index, center)
  }

  // A person revealed by the search (or the address) comes into view, centred, with focus.
  const lastReveal = useRef<number | null>(null)
  useEffect(() => {
    if (!props.reveal || lastReveal.current === props.reveal.seq) return
    const index = indexOf.get(props.reveal.id)
    if (index === undefined) return
    lastReveal.current = props.reveal.seq
    setFocusedId(props.reveal.id)
    pendingFocus.current = props.reveal.id
    scrollTo(index, true)
  }, [props.reveal, indexOf, scrollTo])

  // Focus follows the keyboard once the row is rendered.
  useEffect(() => {
    const id = pendingFocus.current
    const el = id ? rowEls.current.get(id) : undefined
    if (el) {
      el.focus({ preventScroll: true })
      pendingFocus.current = null
    }
  })

  const rowRef = useCallback((id: string, el: HTMLDivElement | null) => {
    if (el) rowEls.current.set(id, el)
    else rowEls.current.delete(id)
  }, [])
  const onFocusRow = useCallback((id: string) => {
    setFocusedId(id)
  }, [])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (focused === null) return
    const index = indexOf.get(focused) ?? 0
    const node = tree.nodes.get(focused)
    const page = Math.max(1, Math.floor((viewport.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1)
    const at = (i: number) => rows[Math.max(0, Math.min(rows.length - 1, i))]?.id
    let target: string | undefined
    switch (e.key) {
      case 'ArrowDown':
        target = at(index + 1)
        break
      case 'ArrowUp':
        target = at(index - 1)
        break
      case 'PageDown':
        target = at(index + page)
        break
      case 'PageUp':
        target = at(index - page)
        break
      case 'Home':
        target = at(0)
        break
      case 'End':
        target = at(rows.length - 1)
        break
      case 'ArrowRight':
        if (node && node.children.length > 0) {
          if (!expanded.has(focused)) onToggle(focused)
          else target = node.children[0]
        }
        break
      case 'ArrowLeft':
        if (node && expanded.has(focused) && node.children.length > 0) onToggle(focused)
        else if (node?.parentId) target = node.parentId
        break
      case 'Enter':
        void navigate({ to: '/people/$employeeId', params: { employeeId: focused } })
        break
      default:
        return
    }
    e.preventDefault()
    if (target) moveFocus(target)
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + (height || 800)) / ROW_HEIGHT) + OVERSCAN)

  return (
    <Box
      ref={ref}
      role="tree"
      aria-label="Org chart"
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop)
      }}
      style={{ height: props.height, overflowY: 'auto', position: 'relative', contain: 'strict' }}
    >
      <div role="presentation" style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((row, i) => {
          const node = tree.nodes.get(row.id)
          if (!node) return null
          return (
            <ChartRow
              key={row.id}
              row={row}
              node={node}
              top={(first + i) * ROW_HEIGHT}
              expanded={expanded.has(row.id)}
              focused={row.id === focused}
              highlighted={row.id === props.highlightId}
              onToggle={onToggle}
              onFocusRow={onFocusRow}
              rowRef={rowRef}
            />
          )
        })}
      </div>
    </Box>
  )
}
