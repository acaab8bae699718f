import { ActionIcon, Badge, Box, Group, Text, Tooltip } from '@mantine/core'
import { IconChevronRight } from '@tabler/icons-react'
import { memo } from 'react'
import { AnchorLink } from '../../../ui/links.tsx'
import { PersonAvatar } from '../person-avatar.tsx'
import type { ChartNode, ChartRow as Row } from './chart-tree.ts'

export const ROW_HEIGHT = 60
const INDENT = 28

/** One person in the chart: a treeitem the keyboard moves through (the tree handles the keys). */
export const ChartRow = memo(function ChartRow(props: {
  row: Row
  node: ChartNode
  expanded: boolean
  focused: boolean
  highlighted: boolean
  top: number
  onToggle: (id: string) => void
  onFocusRow: (id: string) => void
  rowRef: (id: string, el: HTMLDivElement | null) => void
}) {
  const { node, row } = props
  const reports = node.children.length
  return (
    <div
      ref={(el) => {
        props.rowRef(node.id, el)
      }}
      role="treeitem"
      id={`chart-${node.id}`}
      aria-level={row.depth + 1}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={reports > 0 ? props.expanded : undefined}
      aria-selected={props.highlighted}
      aria-label={`${node.name}${node.position ? `, ${node.position}` : ''}${reports ? `, ${reports} direct reports` : ''}`}
      tabIndex={props.focused ? 0 : -1}
      onFocus={() => {
        props.onFocusRow(node.id)
      }}
      className="keel-chart-row"
      data-highlighted={props.highlighted || undefined}
      style={{ top: props.top, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * INDENT }}
    >
      <Group gap="xs" wrap="nowrap" h="100%">
        {reports > 0 ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            tabIndex={-1}
            aria-label={props.expanded ? `Collapse ${node.name}` : `Expand ${node.name}`}
            onClick={() => {
              props.onToggle(node.id)
            }}
          >
            <IconChevronRight
              size={16}
              style={{ transform: props.expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms ease' }}
            />
          </ActionIcon>
        ) : (
          <Box w={22} style={{ flex: 'none' }} />
        )}
        <PersonAvatar id={node.id} name={node.name} hasPhoto={node.hasPhoto} size={36} />
        <Box style={{ minWidth: 0, flex: 1 }}>
          <AnchorLink
            to="/people/$employeeId"
            params={{ employeeId: node.id }}
            fw={600}
            size="sm"
            tabIndex={-1}
            truncate
            display="block"
          >
            {node.name}
          </AnchorLink>
          <Text size="xs" c="dimmed" truncate>
            {[node.position, node.department].filter(Boolean).join(' · ') || 'No position'}
          </Text>
        </Box>
        {reports > 0 ? (
          <Group gap={6} wrap="nowrap" style={{ flex: 'none' }} aria-hidden="true">
            {node.descendants > reports ? (
              <Text size="xs" c="dimmed" visibleFrom="xs">
                {node.descendants} in total
              </Text>
            ) : null}
            <Tooltip label={`${reports} direct report${reports === 1 ? '' : 's'}`}>
              <Badge variant="light" color="blue" tt="none">
                {reports} direct
              </Badge>
            </Tooltip>
          </Group>
        ) : null}
      </Group>
    </div>
  )
})
