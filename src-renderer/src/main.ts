import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { useToasts } from './stores/toasts'
import { applyStoredTheme } from './composables/theme'
import './styles/base.css'
import './styles/forms.css'

applyStoredTheme()
const app = createApp(App)
app.use(createPinia())
const toasts = useToasts()
// Any API error a panel does not handle inline becomes a toast, never a silent failure.
app.config.errorHandler = (err) => toasts.error(err)
window.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault()
  toasts.error(ev.reason)
})
app.mount('#app')
