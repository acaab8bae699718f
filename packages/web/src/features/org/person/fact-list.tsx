import { DataList, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** Label–value pairs of a record; empty values show as a dash. */
export function FactList(props: { facts: [label: string, value: ReactNode][] }) {
  return (
    <DataList withDivider labelWidth={170}>
      {props.facts.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>
            <Text size="sm" c="dimmed" span>
              {label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue>
            {value === null || value === undefined || value === '' ? (
              <Text size="sm" c="dimmed" span>
                —
              </Text>
            ) : (
              value
            )}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  )
}
