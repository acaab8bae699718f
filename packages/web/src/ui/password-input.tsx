import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core'

/**
 * Mantine's PasswordInput whose show/hide button is named without the word "password",
 * so the field is the only element a label query like getByLabel('Password') finds.
 */
export function PasswordInput(props: PasswordInputProps) {
  return (
    <MantinePasswordInput
      visibilityToggleButtonProps={{ 'aria-label': 'Show characters', title: 'Show or hide characters' }}
      {...props}
    />
  )
}
