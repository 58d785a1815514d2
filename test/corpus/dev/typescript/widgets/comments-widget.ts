// Embeddable comments widget: a few Vue components plus the vanilla DOM glue that mounts them.
import { createApp, defineComponent, type PropType } from "vue";
import DOMPurify from "dompurify";

interface WidgetComment {
  id: number;
  author: string;
  body: string;
}

const params = new URLSearchParams(window.location.search);

export const CommentCard = defineComponent({
  props: { comment: { type: Object as PropType<WidgetComment>, required: true } },
  template: '<article class="comment"><header>{{ comment.author }}</header><div class="body" v-html="comment.body"></div></article>', // expect: CWE-79
});

export const SanitizedCommentCard = defineComponent({
  props: { comment: { type: Object as PropType<WidgetComment>, required: true } },
  computed: {
    cleanBody(): string {
      return DOMPurify.sanitize(this.comment.body);
    },
  },
  template: '<article class="comment"><header>{{ comment.author }}</header><div class="body" v-html="cleanBody"></div></article>', // safe: CWE-79
});

export const PlainCommentCard = defineComponent({
  props: { comment: { type: Object as PropType<WidgetComment>, required: true } },
  template: '<article class="comment"><header>{{ comment.author }}</header><p class="body">{{ comment.body }}</p></article>', // safe: CWE-79
});

function renderSearchBanner(banner: HTMLElement, total: number): void {
  const q = params.get("q") ?? "";
  banner.innerHTML = `Showing ${total} comments matching <b>${q}</b>`; // expect: CWE-79
}

function renderSearchBannerSafely(banner: HTMLElement, total: number): void {
  const strong = document.createElement("b");
  strong.textContent = params.get("q") ?? ""; // safe: CWE-79
  banner.replaceChildren(`Showing ${total} comments matching `, strong);
}

function appendComment(list: HTMLElement, c: WidgetComment): void {
  list.insertAdjacentHTML("beforeend", `<li data-id="${c.id}">${c.author}: ${c.body}</li>`); // expect: CWE-79
}

function appendCommentSanitized(list: HTMLElement, c: WidgetComment): void {
  list.insertAdjacentHTML("beforeend", DOMPurify.sanitize(`<li>${c.author}: ${c.body}</li>`)); // safe: CWE-79
}

function showSpinner(el: HTMLElement): void {
  el.innerHTML = '<span class="spinner" aria-label="Loading"></span>'; // safe: CWE-79
  el.style.animationDelay = `${Math.floor(Math.random() * 300)}ms`; // safe: CWE-338
}

function greet(): void {
  const name = decodeURIComponent(window.location.hash.slice(1));
  if (name) document.write("<p class='greeting'>Welcome back, " + name + "</p>"); // expect: CWE-79
}

function scheduleRefresh(): void {
  const widget = params.get("widget") ?? "comments";
  setTimeout("window.refreshWidget('" + widget + "')", 500); // expect: CWE-95
  setTimeout(() => (window as any).refreshWidget(widget), 30_000); // safe: CWE-95
}

function afterLogin(): void {
  const target = params.get("return");
  window.location.assign(target ?? "/"); // expect: CWE-601
}

function afterLogout(): void {
  const target = params.get("return") ?? "/";
  window.location.assign(target.startsWith("/") && !target.startsWith("//") ? target : "/"); // safe: CWE-601
}

export async function mountWidget(root: HTMLElement): Promise<void> {
  const res = await fetch(`/api/widget/comments?thread=${encodeURIComponent(root.dataset.thread ?? "")}`);
  const comments: WidgetComment[] = await res.json();
  renderSearchBanner(root.querySelector(".banner")!, comments.length);
  renderSearchBannerSafely(root.querySelector(".banner-safe")!, comments.length);
  const list = root.querySelector("ul")!;
  comments.forEach((c) => (root.dataset.sanitize ? appendCommentSanitized(list, c) : appendComment(list, c)));
  showSpinner(root.querySelector(".status")!);
  greet();
  scheduleRefresh();
  createApp({ components: { CommentCard, SanitizedCommentCard, PlainCommentCard }, data: () => ({ comments }) }).mount(root);
  root.addEventListener("login", afterLogin);
  root.addEventListener("logout", afterLogout);
}
