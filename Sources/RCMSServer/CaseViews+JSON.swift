// The JSON of the case views, written directly. Each type writes the keys of its `CodingKeys`
// in the order of their UTF-8 bytes, as `JSONCoding.encoder` sorts them.

extension CaseViews.Case: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("closed_at", ifPresent: closedAt)
        json.field("configuration_version")
        json.string(configurationVersion)
        json.field("created_at")
        json.string(createdAt)
        json.field("id")
        json.string(id)
        json.field("state")
        json.string(state)
        json.field("state_label")
        json.string(stateLabel)
        json.field("transferred_at", ifPresent: transferredAt)
        json.field("updated_at")
        json.string(updatedAt)
        json.field("version")
        json.integer(version)
        json.field("voluntary_return")
        json.bool(voluntaryReturn)
        json.endObject()
    }
}

extension CaseViews.Person: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("date_of_birth", ifPresent: dateOfBirth)
        json.field("given_names")
        json.string(givenNames)
        json.field("nationality_claimed", ifPresent: nationalityClaimed)
        json.field("particulars")
        json.object(particulars)
        json.field("sex")
        json.string(sex)
        json.field("surname")
        json.string(surname)
        json.endObject()
    }
}

extension CaseViews.Document: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("attachments")
        json.array(attachments)
        json.field("fields")
        json.object(fields)
        json.field("id")
        json.string(id)
        json.field("type")
        json.string(type)
        json.field("type_label")
        json.string(typeLabel)
        json.endObject()
    }
}

extension CaseViews.Attachment: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("biometric")
        json.bool(biometric)
        json.field("id")
        json.string(id)
        json.field("media_type")
        json.string(mediaType)
        json.field("name")
        json.string(name)
        json.field("size")
        json.integer(size)
        json.endObject()
    }
}

extension CaseViews.Deadline: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("due_date")
        json.string(dueDate)
        json.field("id")
        json.string(id)
        json.field("party")
        json.string(party)
        json.field("status")
        json.string(status)
        json.field("transition")
        json.string(transition)
        json.field("unit")
        json.string(unit)
        json.endObject()
    }
}

extension CaseViews.Hold: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("id")
        json.string(id)
        json.field("lifted_at", ifPresent: liftedAt)
        json.field("placed_at")
        json.string(placedAt)
        json.field("reason")
        json.string(reason)
        json.endObject()
    }
}

extension CaseViews.Message: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("body")
        json.string(body)
        json.field("id")
        json.string(id)
        json.field("sender_party")
        json.string(senderParty)
        json.field("sent_at")
        json.string(sentAt)
        json.endObject()
    }
}

extension CaseViews.Interview: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("id")
        json.string(id)
        json.field("interpreter_language")
        json.string(interpreterLanguage)
        json.field("place")
        json.string(place)
        json.field("scheduled_at")
        json.string(scheduledAt)
        json.endObject()
    }
}

extension CaseViews.Transition: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("allowed")
        json.bool(allowed)
        json.field("id")
        json.string(id)
        json.field("label")
        json.string(label)
        json.field("to")
        json.string(to)
        json.field("unmet")
        json.array(unmet)
        json.endObject()
    }
}

extension CaseViews.Detail: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("case")
        self.case.write(to: &json)
        json.field("deadlines")
        json.array(deadlines)
        json.field("documents")
        json.array(documents)
        json.field("holds")
        json.array(holds)
        json.field("interviews")
        json.array(interviews)
        json.field("messages")
        json.array(messages)
        json.field("persons")
        json.array(persons)
        json.field("safeguards_attested")
        json.array(safeguardsAttested)
        json.field("transitions")
        json.array(transitions)
        json.endObject()
    }
}
