import { Card, Grid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** A settings section: title and explanation on the left, the controls on the right. */
export function Section(props: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`${props.id}-title`} id={props.id}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap={4}>
            <Title order={2} fz="md" id={`${props.id}-title`}>
              {props.title}
            </Title>
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>{props.children}</Grid.Col>
      </Grid>
    </Card>
  )
}
