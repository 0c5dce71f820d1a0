"""The admin pages in headless Chromium against a real `rcms serve`."""

import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import api, shot, sign_in, token, wait

TENANT = "de-pk"


def set_editor_text(driver, text):
    """Replaces the editor's text the way typing would, firing the input event."""
    driver.execute_script(
        "const area = arguments[0]; area.value = arguments[1];"
        "area.dispatchEvent(new Event('input', { bubbles: true }));",
        driver.find_element(By.ID, "source"), text)


def open_case(base_url):
    germany = token(base_url, TENANT, "officer-de")
    opened = api(base_url, "POST", f"/api/v1/tenants/{TENANT}/cases", germany, {
        "person": {"surname": "خان", "given_names": "محمد", "date_of_birth": "1991-03"},
        "documents": [
            {"type": "application_form",
             "fields": {"internal_file_reference": "BAMF-0042", "application_date": "2026-03-02"}},
            {"type": "passport", "fields": {"number": "AB1234567", "kind": "national"}},
        ],
    })
    return opened["case"]["id"]


def test_sign_in_wrong_then_right(driver, base_url):
    driver.get(f"{base_url}/")
    wait(driver).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Sign in"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "ltr"
    shot(driver, "signin")

    sign_in_form = driver.find_element(By.ID, "signin")
    driver.find_element(By.ID, "signin-tenant").send_keys(TENANT)
    driver.find_element(By.ID, "signin-login").send_keys("admin-de-pk")
    driver.find_element(By.ID, "signin-password").send_keys("not the password")
    sign_in_form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    alert = wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#signin [role=alert]")))
    assert "Wrong login or password" in alert.text
    shot(driver, "signin-refused")

    sign_in(driver, base_url, TENANT, "admin-de-pk")
    assert driver.current_url.endswith("/ui/worklist.html")
    assert driver.find_element(By.LINK_TEXT, "Configuration").is_displayed()


def test_config_fix_and_publish(driver, base_url):
    sign_in(driver, base_url, TENANT, "admin-de-pk")
    driver.get(f"{base_url}/ui/config.html")
    wait(driver).until(EC.presence_of_element_located((By.ID, "active-hash")))
    old_hash = driver.find_element(By.ID, "active-hash").text
    Select(driver.find_element(By.ID, "file-select")).select_by_value("workflow.yaml")
    original = driver.find_element(By.ID, "source").get_attribute("value")
    assert "to: accepted" in original

    # A typo in a state name makes the bundle invalid.
    broken = original.replace("to: accepted", "to: acepted", 1)
    set_editor_text(driver, broken)
    publish = driver.find_element(By.ID, "publish")
    driver.find_element(By.ID, "validate").click()
    diagnostic = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#diagnostics button.error")))
    assert "acepted" in diagnostic.text
    assert not publish.is_enabled()
    line = int(diagnostic.get_attribute("data-line"))
    assert driver.find_elements(By.CSS_SELECTOR, "#gutter span.error")
    shot(driver, "config-invalid")

    # The finding moves the cursor to its line.
    diagnostic.click()
    cursor_line = driver.execute_script(
        "const a = document.getElementById('source'); return a.value.slice(0, a.selectionStart).split('\\n').length;")
    assert cursor_line == line
    assert driver.switch_to.active_element.get_attribute("id") == "source"

    # The server refuses to publish the broken bundle as well.
    admin = token(base_url, TENANT, "admin-de-pk")
    bundle = api(base_url, "GET", f"/api/v1/tenants/{TENANT}/config", admin)["files"]
    bundle["workflow.yaml"] = broken
    try:
        api(base_url, "POST", f"/api/v1/tenants/{TENANT}/config/publish", admin, {"files": bundle})
        raise AssertionError("a bundle with errors was published")
    except urllib.error.HTTPError as error:
        assert error.code == 422

    fixed = broken.replace("to: acepted", "to: accepted", 1)
    marker = "# Reviewed in the admin pages.\n"
    set_editor_text(driver, marker + fixed)
    driver.find_element(By.ID, "validate").click()
    wait(driver).until(EC.element_to_be_clickable((By.ID, "publish")))
    assert not driver.find_elements(By.CSS_SELECTOR, "#diagnostics button.error")
    shot(driver, "config-valid")

    publish.click()
    dialog = wait(driver).until(EC.visibility_of_element_located((By.ID, "confirm")))
    assert "open case" in driver.find_element(By.ID, "confirm-cases").text
    shot(driver, "config-confirm")
    dialog.find_element(By.ID, "confirm-publish").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "status"), "Published"))
    new_hash = driver.find_element(By.ID, "active-hash").text
    assert new_hash and new_hash != old_hash
    shot(driver, "config-published")


def test_case_two_transitions(driver, base_url):
    case_id = open_case(base_url)
    sign_in(driver, base_url, TENANT, "officer-de")
    driver.get(f"{base_url}/ui/worklist.html")
    wait(driver).until(EC.presence_of_element_located((By.LINK_TEXT, f"#{case_id}")))
    shot(driver, "worklist")
    shot(driver, "worklist-360", width=360)
    driver.find_element(By.LINK_TEXT, f"#{case_id}").click()

    submit = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "button[data-transition=submit]")))
    assert not submit.is_enabled()
    unmet = driver.find_element(By.ID, submit.get_attribute("aria-describedby"))
    assert "no_valid_residence_permit" in unmet.text
    shot(driver, "case-draft")
    assert "1991-03" in driver.find_element(By.ID, "case").text

    # An empty message is refused with the error next to the field.
    driver.find_element(By.CSS_SELECTOR, "#message-form button[type=submit]").click()
    wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#message-form [role=alert]")))

    form = driver.find_element(By.ID, "attest-form")
    Select(form.find_element(By.NAME, "safeguard")).select_by_value("no_valid_residence_permit")
    form.find_element(By.NAME, "evidence_reference").send_keys("AZR extract 2026-03-01")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "status"), "Saved"))
    wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "button[data-transition=submit]"))).click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "case-heading"), "Submitted"))

    sign_in(driver, base_url, TENANT, "officer-pk")
    driver.get(f"{base_url}/ui/case.html?id={case_id}")
    accept = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "button[data-transition=accept]")))
    message = driver.find_element(By.CSS_SELECTOR, "#message-form textarea")
    message.send_keys("Identity verified against NADRA records.")
    driver.find_element(By.CSS_SELECTOR, "#message-form button[type=submit]").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "status"), "Saved"))
    assert "NADRA" in driver.find_element(By.ID, "case").text
    accept = driver.find_element(By.CSS_SELECTOR, "button[data-transition=accept]")
    accept.click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "case-heading"), "Accepted"))
    shot(driver, "case-accepted")


def test_monitor_hold_place_lift(driver, base_url):
    case_id = open_case(base_url)
    germany = token(base_url, TENANT, "officer-de")
    path = f"/api/v1/tenants/{TENANT}/cases/{case_id}"
    api(base_url, "POST", f"{path}/attestations", germany,
        {"safeguard": "no_valid_residence_permit", "evidence_reference": "AZR extract"})
    version = api(base_url, "GET", path, germany)["case"]["version"]
    api(base_url, "POST", f"{path}/transitions", germany, {"transition": "submit", "expected_version": version})

    sign_in(driver, base_url, TENANT, "monitor-de-pk")
    assert driver.current_url.endswith("/ui/monitor.html")
    row = wait(driver).until(EC.presence_of_element_located(
        (By.XPATH, f"//tr[.//a[normalize-space()='#{case_id}']]")))
    row.find_element(By.NAME, "reason").send_keys("Medical check pending")
    row.find_element(By.CSS_SELECTOR, "button.danger").click()
    row = wait(driver).until(EC.presence_of_element_located(
        (By.XPATH, f"//tr[.//a[normalize-space()='#{case_id}']][.//span[contains(@class,'hold')]]")))
    shot(driver, "monitor")
    driver.get(f"{base_url}/ui/case.html?id={case_id}")
    lift = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[id^=lift-form]")))
    lift.find_element(By.NAME, "reason").send_keys("Check done")
    lift.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(EC.text_to_be_present_in_element((By.ID, "case"), "Lifted"))
    assert driver.find_elements(By.CSS_SELECTOR, "#section-case-audit")
    shot(driver, "case-monitor")


def test_urdu_right_to_left(driver, base_url):
    sign_in(driver, base_url, TENANT, "officer-de", language="ur")
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ur"
    states = driver.find_element(By.CSS_SELECTOR, "select[name=state]").text
    assert "مسودہ" in states
    assert "جمع کرائی گئی" in states
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#cases table")))
    # Cases of the earlier tests are submitted or accepted, so one of the two labels shows.
    listed = driver.find_element(By.ID, "cases").text
    assert any(label in listed for label in ("جمع کرائی گئی", "منظور"))
    shot(driver, "worklist-ur")
    shot(driver, "worklist-ur-360", width=360)
    driver.find_element(By.CSS_SELECTOR, "#cases a").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#case section")))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    shot(driver, "case-ur")


def test_static_security_headers(base_url):
    with urllib.request.urlopen(f"{base_url}/ui/app.js", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/javascript")
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
