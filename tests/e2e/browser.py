"""What the browser tests do the same way."""
from playwright.sync_api import expect

PASSWORD = "pass-1234-word"  # tests.factories.UserFactory


def log_in(page, base_url, username):
    """Through the login form, as a user does: lands on the workbench."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{base_url}/")


def confirmations(page):
    """(questions, reply): the confirmation questions the page asks, in order; `reply(accept)` answers the next one
    (OK or Cancel), as the user would."""
    questions = []

    def reply(accept: bool) -> None:
        def answer(dialog):
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", answer)

    return questions, reply
